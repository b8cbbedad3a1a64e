<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis hasScaleBasedVisibilityFlag="0" symbologyReferenceScale="-1" simplifyAlgorithm="0" minScale="100000000" readOnly="0" simplifyDrawingTol="1" version="3.22.16-Białowieża" styleCategories="LayerConfiguration|Symbology|Symbology3D|Labeling|Fields|Forms|Actions|MapTips|Diagrams|AttributeTable|Rendering|GeometryOptions|Relations|Temporal|Legend|Elevation|Notes" maxScale="0" labelsEnabled="0" simplifyDrawingHints="1" simplifyLocal="1" simplifyMaxScale="1">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" fixedDuration="0" startField="" endField="" durationField="" limitMode="0" accumulate="0" durationUnit="min" startExpression="" endExpression="" mode="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 forceraster="0" symbollevels="0" attr="beheerder" referencescale="-1" enableorderby="0" type="categorizedSymbol">
    <categories>
      <category symbol="0" render="true" label="Groen (beheer gemeente)" value="gemeente"/>
      <category symbol="1" render="true" label="Groen (beheer bewoners)" value="bewoners"/>
      <category symbol="2" render="true" label="Groen (beheer partner)" value="partner"/>
    </categories>
    <symbols>
      <symbol name="0" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="65,171,93,150" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="35,139,69,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.2" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="65,171,93,150" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="35,139,69,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="1" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="161,217,155,200" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="0,109,44,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.5" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="161,217,155,200" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="0,109,44,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.5" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol name="2" clip_to_extent="1" alpha="1" type="fill" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" value="" type="QString"/>
            <Option name="properties"/>
            <Option name="type" value="collection" type="QString"/>
          </Option>
        </data_defined_properties>
        <layer enabled="1" class="SimpleFill" pass="0" locked="0">
          <Option type="Map">
            <Option name="border_width_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="color" value="65,171,93,150" type="QString"/>
            <Option name="joinstyle" value="bevel" type="QString"/>
            <Option name="offset" value="0,0" type="QString"/>
            <Option name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" type="QString"/>
            <Option name="offset_unit" value="MM" type="QString"/>
            <Option name="outline_color" value="35,139,69,255" type="QString"/>
            <Option name="outline_style" value="solid" type="QString"/>
            <Option name="outline_width" value="0.2" type="QString"/>
            <Option name="outline_width_unit" value="MM" type="QString"/>
            <Option name="style" value="solid" type="QString"/>
          </Option>
          <prop v="3x:0,0,0,0,0,0" k="border_width_map_unit_scale"/>
          <prop v="65,171,93,150" k="color"/>
          <prop v="bevel" k="joinstyle"/>
          <prop v="0,0" k="offset"/>
          <prop v="3x:0,0,0,0,0,0" k="offset_map_unit_scale"/>
          <prop v="MM" k="offset_unit"/>
          <prop v="35,139,69,255" k="outline_color"/>
          <prop v="solid" k="outline_style"/>
          <prop v="0.2" k="outline_width"/>
          <prop v="MM" k="outline_width_unit"/>
          <prop v="solid" k="style"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" value="" type="QString"/>
              <Option name="properties"/>
              <Option name="type" value="collection" type="QString"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <geometryOptions removeDuplicateNodes="0" geometryPrecision="0">
    <activeChecks type="StringList">
      <Option value="" type="QString"/>
    </activeChecks>
    <checkConfiguration/>
  </geometryOptions>
  <legend showLabelLegend="0" type="default-vector"/>
  <referencedLayers/>
  <fieldConfiguration>
    <field name="id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="soort" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_objectsoort" type="QString"/>
            <Option name="FilterExpression" value="" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="naam" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="omschrijving" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="true" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="beheerder" configurationFlags="None">
      <editWidget type="ValueRelation">
        <config>
          <Option type="Map">
            <Option name="AllowMulti" value="false" type="bool"/>
            <Option name="AllowNull" value="false" type="bool"/>
            <Option name="BuurtkaartWaardelijst" value="vl_partij" type="QString"/>
            <Option name="FilterExpression" value="" type="QString"/>
            <Option name="Key" value="code" type="QString"/>
            <Option name="Layer" value="" type="QString"/>
            <Option name="LayerName" value="" type="QString"/>
            <Option name="OrderByValue" value="false" type="bool"/>
            <Option name="UseCompleter" value="false" type="bool"/>
            <Option name="Value" value="naam" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtdeal_id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="bron" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="bron_id" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="buurtcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="wijkcode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gemeentecode" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="aangemaakt_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_door" configurationFlags="None">
      <editWidget type="TextEdit">
        <config>
          <Option type="Map">
            <Option name="IsMultiline" value="false" type="bool"/>
            <Option name="UseHtml" value="false" type="bool"/>
          </Option>
        </config>
      </editWidget>
    </field>
    <field name="gewijzigd_op" configurationFlags="None">
      <editWidget type="DateTime">
        <config>
          <Option type="Map">
            <Option name="allow_null" value="true" type="bool"/>
            <Option name="calendar_popup" value="true" type="bool"/>
            <Option name="display_format" value="yyyy-MM-dd HH:mm" type="QString"/>
            <Option name="field_format" value="yyyy-MM-dd HH:mm" type="QString"/>
          </Option>
        </config>
      </editWidget>
    </field>
  </fieldConfiguration>
  <aliases>
    <alias name="Nummer" index="0" field="id"/>
    <alias name="Soort" index="1" field="soort"/>
    <alias name="Naam" index="2" field="naam"/>
    <alias name="Omschrijving" index="3" field="omschrijving"/>
    <alias name="Beheerder" index="4" field="beheerder"/>
    <alias name="Buurtdeal (nummer)" index="5" field="buurtdeal_id"/>
    <alias name="Bron" index="6" field="bron"/>
    <alias name="Bron-id" index="7" field="bron_id"/>
    <alias name="Buurt (afgeleid)" index="8" field="buurtcode"/>
    <alias name="Wijk (afgeleid)" index="9" field="wijkcode"/>
    <alias name="Gemeente (afgeleid)" index="10" field="gemeentecode"/>
    <alias name="Aangemaakt door" index="11" field="aangemaakt_door"/>
    <alias name="Aangemaakt op" index="12" field="aangemaakt_op"/>
    <alias name="Gewijzigd door" index="13" field="gewijzigd_door"/>
    <alias name="Gewijzigd op" index="14" field="gewijzigd_op"/>
  </aliases>
  <defaults>
    <default field="id" expression="" applyOnUpdate="0"/>
    <default field="soort" expression="'groen'" applyOnUpdate="0"/>
    <default field="naam" expression="" applyOnUpdate="0"/>
    <default field="omschrijving" expression="" applyOnUpdate="0"/>
    <default field="beheerder" expression="" applyOnUpdate="0"/>
    <default field="buurtdeal_id" expression="" applyOnUpdate="0"/>
    <default field="bron" expression="" applyOnUpdate="0"/>
    <default field="bron_id" expression="" applyOnUpdate="0"/>
    <default field="buurtcode" expression="" applyOnUpdate="0"/>
    <default field="wijkcode" expression="" applyOnUpdate="0"/>
    <default field="gemeentecode" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_door" expression="" applyOnUpdate="0"/>
    <default field="aangemaakt_op" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_door" expression="" applyOnUpdate="0"/>
    <default field="gewijzigd_op" expression="" applyOnUpdate="0"/>
  </defaults>
  <constraints>
    <constraint exp_strength="0" field="id" constraints="3" unique_strength="1" notnull_strength="1"/>
    <constraint exp_strength="0" field="soort" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="naam" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="1" field="omschrijving" constraints="4" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="beheerder" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="buurtdeal_id" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="bron" constraints="1" unique_strength="0" notnull_strength="1"/>
    <constraint exp_strength="0" field="bron_id" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="buurtcode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="wijkcode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gemeentecode" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="aangemaakt_op" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_door" constraints="0" unique_strength="0" notnull_strength="0"/>
    <constraint exp_strength="0" field="gewijzigd_op" constraints="0" unique_strength="0" notnull_strength="0"/>
  </constraints>
  <constraintExpressions>
    <constraint field="id" exp="" desc=""/>
    <constraint field="soort" exp="" desc=""/>
    <constraint field="naam" exp="" desc=""/>
    <constraint field="omschrijving" exp="true" desc="Beschrijf de afspraak."/>
    <constraint field="beheerder" exp="" desc=""/>
    <constraint field="buurtdeal_id" exp="" desc=""/>
    <constraint field="bron" exp="" desc=""/>
    <constraint field="bron_id" exp="" desc=""/>
    <constraint field="buurtcode" exp="" desc=""/>
    <constraint field="wijkcode" exp="" desc=""/>
    <constraint field="gemeentecode" exp="" desc=""/>
    <constraint field="aangemaakt_door" exp="" desc=""/>
    <constraint field="aangemaakt_op" exp="" desc=""/>
    <constraint field="gewijzigd_door" exp="" desc=""/>
    <constraint field="gewijzigd_op" exp="" desc=""/>
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
    <attributeEditorContainer name="Object" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="id" index="0" showLabel="1"/>
      <attributeEditorField name="soort" index="1" showLabel="1"/>
      <attributeEditorField name="naam" index="2" showLabel="1"/>
      <attributeEditorField name="omschrijving" index="3" showLabel="1"/>
      <attributeEditorField name="beheerder" index="4" showLabel="1"/>
      <attributeEditorField name="buurtdeal_id" index="5" showLabel="1"/>
      <attributeEditorField name="bron" index="6" showLabel="1"/>
      <attributeEditorField name="bron_id" index="7" showLabel="1"/>
    </attributeEditorContainer>
    <attributeEditorContainer name="Afgeleid (door de database)" columnCount="1" visibilityExpressionEnabled="0" visibilityExpression="" groupBox="1" showLabel="1">
      <attributeEditorField name="buurtcode" index="8" showLabel="1"/>
      <attributeEditorField name="wijkcode" index="9" showLabel="1"/>
      <attributeEditorField name="gemeentecode" index="10" showLabel="1"/>
      <attributeEditorField name="aangemaakt_door" index="11" showLabel="1"/>
      <attributeEditorField name="aangemaakt_op" index="12" showLabel="1"/>
      <attributeEditorField name="gewijzigd_door" index="13" showLabel="1"/>
      <attributeEditorField name="gewijzigd_op" index="14" showLabel="1"/>
    </attributeEditorContainer>
  </attributeEditorForm>
  <editable>
    <field name="aangemaakt_door" editable="0"/>
    <field name="aangemaakt_op" editable="0"/>
    <field name="buurtcode" editable="0"/>
    <field name="gemeentecode" editable="0"/>
    <field name="gewijzigd_door" editable="0"/>
    <field name="gewijzigd_op" editable="0"/>
    <field name="id" editable="0"/>
    <field name="soort" editable="0"/>
    <field name="wijkcode" editable="0"/>
  </editable>
  <labelOnTop/>
  <reuseLastValue/>
  <dataDefinedFieldProperties/>
  <widgets/>
  <previewExpression></previewExpression>
  <mapTip></mapTip>
  <layerGeometryType>2</layerGeometryType>
</qgis>
