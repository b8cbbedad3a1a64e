<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Temporal|Legend|Elevation|Notes" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="1">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" startField="" durationField="" enabled="0" endExpression="" startExpression="" durationUnit="min" fixedDuration="0" accumulate="0" mode="0" endField="ingediend_op">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <geometryOptions geometryPrecision="0" removeDuplicateNodes="0">
    <activeChecks type="StringList">
      <Option type="QString" value=""/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend type="default-vector" showLabelLegend="0"/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="titel" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="true"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="thema" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_thema"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="status" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_status"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="ingediend_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_naam" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_email" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="indiener_telefoon" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gepubliceerd" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option type="QString" name="CheckedState" value=""/>
            <Option type="int" name="TextDisplayMethod" value="0"/>
            <Option type="QString" name="UncheckedState" value=""/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="geom" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gemeentecode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option type="bool" name="IsMultiline" value="false"/>
            <Option type="bool" name="UseHtml" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option type="bool" name="allow_null" value="true"/>
            <Option type="bool" name="calendar_popup" value="true"/>
            <Option type="QString" name="display_format" value="yyyy-MM-dd HH:mm"/>
            <Option type="QString" name="field_format" value="yyyy-MM-dd HH:mm"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkagenda_id" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="true"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="wijkagenda"/>
            <Option type="QString" name="FilterExpression" value="&quot;wijkcode&quot; = current_value('wijkcode') OR (current_value('wijkcode') IS NULL AND intersects(@current_geometry, geometry(get_feature('Wijken', 'code', &quot;wijkcode&quot;))))"/>
            <Option type="QString" name="Key" value="id"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="true"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="prioriteit"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="planjaar" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="true"/>
            <Option type="int" name="Max" value="9999"/>
            <Option type="int" name="Min" value="1000"/>
            <Option type="int" name="Step" value="1"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="begroting" configurationFlags="None">
      <editWidget type="Range">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="double" name="Max" value="1e+07"/>
            <Option type="double" name="Min" value="0"/>
            <Option type="int" name="Precision" value="2"/>
            <Option type="double" name="Step" value="100"/>
            <Option type="QString" name="Style" value="SpinBox"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buiten_gemeente" configurationFlags="None">
      <editWidget type="CheckBox">
        <config>
          <Option type="Map">
            <Option type="QString" name="CheckedState" value=""/>
            <Option type="int" name="TextDisplayMethod" value="0"/>
            <Option type="QString" name="UncheckedState" value=""/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="oorsprong" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_oorsprong"/>
            <Option type="QString" name="FilterExpression" value=""/>
            <Option type="QString" name="Key" value="code"/>
            <Option type="QString" name="Layer" value=""/>
            <Option type="QString" name="LayerName" value=""/>
            <Option type="bool" name="OrderByValue" value="false"/>
            <Option type="bool" name="UseCompleter" value="false"/>
            <Option type="QString" name="Value" value="naam"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" field="id" index="0"/>
    <alias name="Titel" field="titel" index="1"/>
    <alias name="Omschrijving" field="omschrijving" index="2"/>
    <alias name="Thema" field="thema" index="3"/>
    <alias name="Status" field="status" index="4"/>
    <alias name="Ingediend op" field="ingediend_op" index="5"/>
    <alias name="Naam indiener" field="indiener_naam" index="6"/>
    <alias name="E-mail indiener" field="indiener_email" index="7"/>
    <alias name="Telefoon indiener" field="indiener_telefoon" index="8"/>
    <alias name="Publiceren op de virtuele stad" field="gepubliceerd" index="9"/>
    <alias name="Geom" field="geom" index="10"/>
    <alias name="Buurt (afgeleid)" field="buurtcode" index="11"/>
    <alias name="Wijk (afgeleid)" field="wijkcode" index="12"/>
    <alias name="Gemeente (afgeleid)" field="gemeentecode" index="13"/>
    <alias name="Aangemaakt door" field="aangemaakt_door" index="14"/>
    <alias name="Aangemaakt op" field="aangemaakt_op" index="15"/>
    <alias name="Gewijzigd door" field="gewijzigd_door" index="16"/>
    <alias name="Gewijzigd op" field="gewijzigd_op" index="17"/>
    <alias name="Prioriteit uit de wijkagenda (leeg = spontaan)" field="wijkagenda_id" index="18"/>
    <alias name="Gepland voor jaar" field="planjaar" index="19"/>
    <alias name="Begroting (EUR)" field="begroting" index="20"/>
    <alias name="Buiten de gemeente (na grenzenimport)" field="buiten_gemeente" index="21"/>
    <alias name="Oorsprong (gemeente of website)" field="oorsprong" index="22"/>
  </aliases>
  <defaults>
    <default expression="" field="id" applyOnUpdate="0"/>
    <default expression="" field="titel" applyOnUpdate="0"/>
    <default expression="" field="omschrijving" applyOnUpdate="0"/>
    <default expression="" field="thema" applyOnUpdate="0"/>
    <default expression="" field="status" applyOnUpdate="0"/>
    <default expression="" field="ingediend_op" applyOnUpdate="0"/>
    <default expression="" field="indiener_naam" applyOnUpdate="0"/>
    <default expression="" field="indiener_email" applyOnUpdate="0"/>
    <default expression="" field="indiener_telefoon" applyOnUpdate="0"/>
    <default expression="" field="gepubliceerd" applyOnUpdate="0"/>
    <default expression="" field="geom" applyOnUpdate="0"/>
    <default expression="" field="buurtcode" applyOnUpdate="0"/>
    <default expression="" field="wijkcode" applyOnUpdate="0"/>
    <default expression="" field="gemeentecode" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_door" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_op" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_door" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_op" applyOnUpdate="0"/>
    <default expression="" field="wijkagenda_id" applyOnUpdate="0"/>
    <default expression="" field="planjaar" applyOnUpdate="0"/>
    <default expression="" field="begroting" applyOnUpdate="0"/>
    <default expression="" field="buiten_gemeente" applyOnUpdate="0"/>
    <default expression="" field="oorsprong" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="1" exp_strength="0" field="id" notnull_strength="1" constraints="3"/>
    <constraint unique_strength="0" exp_strength="1" field="titel" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="omschrijving" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="thema" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="status" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="ingediend_op" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="indiener_naam" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="indiener_email" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="indiener_telefoon" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gepubliceerd" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="geom" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="buurtcode" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="wijkcode" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gemeentecode" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="wijkagenda_id" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="1" field="planjaar" notnull_strength="0" constraints="4"/>
    <constraint unique_strength="0" exp_strength="0" field="begroting" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="buiten_gemeente" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="oorsprong" notnull_strength="1" constraints="1"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="id" exp=""/>
    <constraint desc="Geef een titel." field="titel" exp="length(trim(&quot;titel&quot;)) > 0"/>
    <constraint desc="" field="omschrijving" exp=""/>
    <constraint desc="" field="thema" exp=""/>
    <constraint desc="" field="status" exp=""/>
    <constraint desc="" field="ingediend_op" exp=""/>
    <constraint desc="" field="indiener_naam" exp=""/>
    <constraint desc="" field="indiener_email" exp=""/>
    <constraint desc="" field="indiener_telefoon" exp=""/>
    <constraint desc="" field="gepubliceerd" exp=""/>
    <constraint desc="" field="geom" exp=""/>
    <constraint desc="" field="buurtcode" exp=""/>
    <constraint desc="" field="wijkcode" exp=""/>
    <constraint desc="" field="gemeentecode" exp=""/>
    <constraint desc="" field="aangemaakt_door" exp=""/>
    <constraint desc="" field="aangemaakt_op" exp=""/>
    <constraint desc="" field="gewijzigd_door" exp=""/>
    <constraint desc="" field="gewijzigd_op" exp=""/>
    <constraint desc="" field="wijkagenda_id" exp=""/>
    <constraint desc="Het jaar ligt tussen 2000 en 2100." field="planjaar" exp="&quot;planjaar&quot; IS NULL OR (&quot;planjaar&quot; >= 2000 AND &quot;planjaar&quot; &lt;= 2100)"/>
    <constraint desc="" field="begroting" exp=""/>
    <constraint desc="" field="buiten_gemeente" exp=""/>
    <constraint desc="" field="oorsprong" exp=""/>
  </constraintExpressions>
  <expressionfields/>
  <attributeactions/>
  <attributetableconfig sortOrder="0" sortExpression="" actionWidgetStyle="dropDown">
    <columns/>
  </attributetableconfig>
  <conditionalstyles>
    <rowstyles/>
    <fieldstyles/>
  </conditionalstyles>
  <storedexpressions/>
  <editform tolerant="1"></editform>
  <editforminit/>
  <editforminitcodesource>0</editforminitcodesource>
  <editforminitfilepath></editforminitfilepath>
  <editforminitcode><![CDATA[]]></editforminitcode>
  <featformsuppress>0</featformsuppress>
  <editorlayout>tablayout</editorlayout>
  <attributeEditorForm>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Initiatief" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="id" showLabel="1" index="0"/>
      <attributeEditorField name="titel" showLabel="1" index="1"/>
      <attributeEditorField name="omschrijving" showLabel="1" index="2"/>
      <attributeEditorField name="thema" showLabel="1" index="3"/>
      <attributeEditorField name="status" showLabel="1" index="4"/>
      <attributeEditorField name="ingediend_op" showLabel="1" index="5"/>
      <attributeEditorField name="gepubliceerd" showLabel="1" index="9"/>
      <attributeEditorField name="geom" showLabel="1" index="10"/>
      <attributeEditorField name="wijkagenda_id" showLabel="1" index="18"/>
      <attributeEditorField name="planjaar" showLabel="1" index="19"/>
      <attributeEditorField name="begroting" showLabel="1" index="20"/>
      <attributeEditorField name="oorsprong" showLabel="1" index="22"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Indiener (privé, nooit openbaar)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="indiener_naam" showLabel="1" index="6"/>
      <attributeEditorField name="indiener_email" showLabel="1" index="7"/>
      <attributeEditorField name="indiener_telefoon" showLabel="1" index="8"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Afgeleid (door de database)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="buurtcode" showLabel="1" index="11"/>
      <attributeEditorField name="wijkcode" showLabel="1" index="12"/>
      <attributeEditorField name="gemeentecode" showLabel="1" index="13"/>
      <attributeEditorField name="aangemaakt_door" showLabel="1" index="14"/>
      <attributeEditorField name="aangemaakt_op" showLabel="1" index="15"/>
      <attributeEditorField name="gewijzigd_door" showLabel="1" index="16"/>
      <attributeEditorField name="gewijzigd_op" showLabel="1" index="17"/>
      <attributeEditorField name="buiten_gemeente" showLabel="1" index="21"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field editable="0" name="aangemaakt_door"/>
    <field editable="0" name="aangemaakt_op"/>
    <field editable="0" name="buiten_gemeente"/>
    <field editable="0" name="buurtcode"/>
    <field editable="0" name="gemeentecode"/>
    <field editable="0" name="gewijzigd_door"/>
    <field editable="0" name="gewijzigd_op"/>
    <field editable="0" name="id"/>
    <field editable="0" name="wijkcode"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression>concat("id", ' — ', "titel")</previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
