<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Temporal|Legend|Elevation|Notes" hasScaleBasedVisibilityFlag="0" maxScale="0" readOnly="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal limitMode="0" startField="" durationField="" enabled="0" endExpression="" startExpression="" durationUnit="min" fixedDuration="0" accumulate="0" mode="0" endField="">
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
    <field name="buurtdeal_id" configurationFlags="None">
      <editWidget type="RelationReference">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowAddFeatures" value="false"/>
            <Option type="bool" name="AllowNULL" value="false"/>
            <Option type="bool" name="FetchLimitActive" value="false"/>
            <Option type="bool" name="MapIdentification" value="false"/>
            <Option type="bool" name="OrderByValue" value="true"/>
            <Option type="bool" name="ReadOnly" value="false"/>
            <Option type="QString" name="Relation" value="afspraak_buurtdeal_lijst"/>
            <Option type="bool" name="ShowForm" value="false"/>
            <Option type="bool" name="ShowOpenFormButton" value="false"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="partij" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option type="bool" name="AllowMulti" value="false"/>
            <Option type="bool" name="AllowNull" value="false"/>
            <Option type="QString" name="BuurtkaartWaardelijst" value="vl_partij"/>
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
    <field name="gereed" configurationFlags="None">
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
    <field name="uiterlijk" configurationFlags="None">
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
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" field="id" index="0"/>
    <alias name="Buurtdeal (nummer)" field="buurtdeal_id" index="1"/>
    <alias name="Partij" field="partij" index="2"/>
    <alias name="Omschrijving" field="omschrijving" index="3"/>
    <alias name="Gereed" field="gereed" index="4"/>
    <alias name="Aangemaakt door" field="aangemaakt_door" index="5"/>
    <alias name="Aangemaakt op" field="aangemaakt_op" index="6"/>
    <alias name="Gewijzigd door" field="gewijzigd_door" index="7"/>
    <alias name="Gewijzigd op" field="gewijzigd_op" index="8"/>
    <alias name="Uiterlijk gereed (datum)" field="uiterlijk" index="9"/>
  </aliases>
  <defaults>
    <default expression="" field="id" applyOnUpdate="0"/>
    <default expression="" field="buurtdeal_id" applyOnUpdate="0"/>
    <default expression="" field="partij" applyOnUpdate="0"/>
    <default expression="" field="omschrijving" applyOnUpdate="0"/>
    <default expression="" field="gereed" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_door" applyOnUpdate="0"/>
    <default expression="" field="aangemaakt_op" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_door" applyOnUpdate="0"/>
    <default expression="" field="gewijzigd_op" applyOnUpdate="0"/>
    <default expression="" field="uiterlijk" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint unique_strength="1" exp_strength="0" field="id" notnull_strength="1" constraints="3"/>
    <constraint unique_strength="0" exp_strength="0" field="buurtdeal_id" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="partij" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="1" field="omschrijving" notnull_strength="1" constraints="5"/>
    <constraint unique_strength="0" exp_strength="0" field="gereed" notnull_strength="1" constraints="1"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="aangemaakt_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_door" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="gewijzigd_op" notnull_strength="0" constraints="0"/>
    <constraint unique_strength="0" exp_strength="0" field="uiterlijk" notnull_strength="0" constraints="0"/>
  </constraints>
  <constraintExpressions>
    <constraint desc="" field="id" exp=""/>
    <constraint desc="" field="buurtdeal_id" exp=""/>
    <constraint desc="" field="partij" exp=""/>
    <constraint desc="Beschrijf de afspraak." field="omschrijving" exp="length(trim(&quot;omschrijving&quot;)) > 0"/>
    <constraint desc="" field="gereed" exp=""/>
    <constraint desc="" field="aangemaakt_door" exp=""/>
    <constraint desc="" field="aangemaakt_op" exp=""/>
    <constraint desc="" field="gewijzigd_door" exp=""/>
    <constraint desc="" field="gewijzigd_op" exp=""/>
    <constraint desc="" field="uiterlijk" exp=""/>
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
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Afspraak" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="id" showLabel="1" index="0"/>
      <attributeEditorField name="buurtdeal_id" showLabel="1" index="1"/>
      <attributeEditorField name="partij" showLabel="1" index="2"/>
      <attributeEditorField name="omschrijving" showLabel="1" index="3"/>
      <attributeEditorField name="gereed" showLabel="1" index="4"/>
      <attributeEditorField name="uiterlijk" showLabel="1" index="9"/>
    </attributeEditorContainer>
    <attributeEditorContainer groupBox="0" visibilityExpressionEnabled="0" name="Afgeleid (door de database)" visibilityExpression="" showLabel="1" columnCount="1">
      <attributeEditorField name="aangemaakt_door" showLabel="1" index="5"/>
      <attributeEditorField name="aangemaakt_op" showLabel="1" index="6"/>
      <attributeEditorField name="gewijzigd_door" showLabel="1" index="7"/>
      <attributeEditorField name="gewijzigd_op" showLabel="1" index="8"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field editable="0" name="aangemaakt_door"/>
    <field editable="0" name="aangemaakt_op"/>
    <field editable="0" name="gewijzigd_door"/>
    <field editable="0" name="gewijzigd_op"/>
    <field editable="0" name="id"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression>concat(represent_value("partij"), ' — ', "omschrijving", CASE WHEN "gereed" THEN ' (gereed)' ELSE '' END)</previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>4</layerGeometryType>
</qgis>
